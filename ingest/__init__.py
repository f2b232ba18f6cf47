"""Feeds in: read files, check every row against the contract, load or quarantine it."""
