"""dbreport: bilingual briefs from Vietnamese provincial reports."""

__version__ = "0.1.0"
