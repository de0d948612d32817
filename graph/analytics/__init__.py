"""Analytics of the organisation collaboration network, on sparse matrices.

Backend-independent: built from the store interface only. :mod:`.service` caches the
results per graph version behind ``Analytics``; the other modules each do one job.
"""
