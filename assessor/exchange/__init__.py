"""The exchange layer: what crosses the machine's edge. Assessment files (written and read
here only), JSON views of results and plans, and spreadsheets.
"""
