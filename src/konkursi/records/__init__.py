"""Records: the YAML files read into typed values (with file and line) and checked, every problem at once."""
