"""Text → records. Pure functions over :class:`hrgraph.extract.common.SourceText`; no RDF here."""
