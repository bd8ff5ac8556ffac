"""``hrgraph serve``: the read-only SPARQL endpoint (:mod:`.endpoint`), its resource pages
(:mod:`.pages`) and its query page (:mod:`.query_page`)."""
