"""Tooling for the tests, benchmarks and screenshots (not shipped in the wheel).

``serving`` runs the views on a loopback port and drives Debian's Chromium.
"""
