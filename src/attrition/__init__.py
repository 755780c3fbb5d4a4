"""attrition: news articles about the Islamic State turned into event data."""
__version__ = "0.1.0"
