"""write: the last stage — Document and timed Script to output files, one module per format."""
