"""What a page means: HTML -> Article -> FundingRound; names, rounds, money, dates; dedup.

Everything in this package is pure: no network, database, settings or clock.
"""
