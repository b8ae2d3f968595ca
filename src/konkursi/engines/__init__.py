"""Engine adapters: the MkDocs plugin (also run by ProperDocs) over the library, and the preview it keeps between rebuilds."""
