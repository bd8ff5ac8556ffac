"""Records → triples. IRIs come from :mod:`hrgraph.iri`; triples are written with
:class:`hrgraph.rdf.writer.GraphWriter`, one writer per named graph."""
