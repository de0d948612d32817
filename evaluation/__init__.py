"""Measuring the extractor against the shared gold (not shipped with the package).

``split`` assigns the gold documents to train and dev by site; ``extraction`` scores the
extractor end to end and the relation stage on gold entities, per split and by
cross-validation over sites.
"""
