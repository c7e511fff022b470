"""Infrastructure shared by every domain: settings, database, Redis, text tools, gazetteer."""
