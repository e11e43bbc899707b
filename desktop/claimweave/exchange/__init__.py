"""Getting text and annotations in and out: article importers and dataset formats."""
