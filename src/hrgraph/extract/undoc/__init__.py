"""What every UN document shares, read once: the cover block, page furniture, numbered
paragraphs (with lettered sub-items and headings), footnotes and endnotes, and the UPR
recommendation numbers they cite. English and Spanish.

The genre readers (:mod:`hrgraph.extract.upr_national_report`, …) are built on these modules;
they import nothing from hrgraph outside :mod:`hrgraph.extract`.
"""
