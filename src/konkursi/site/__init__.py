"""The site as data: statuses, totals, Latvian wording helpers, moments, page addresses, derived from the records."""
