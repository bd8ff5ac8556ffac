"""hrgraph: a knowledge graph of human-rights obligations.

Sources → extracted records (:mod:`hrgraph.extract`) → RDF (:mod:`hrgraph.rdf`) → store
(:mod:`hrgraph.store`) → validate → reason → query / obligations / export / serve.
"""

__version__ = "0.1.0"
