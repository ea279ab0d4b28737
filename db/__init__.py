"""SQLite storage: opening the database, its migrations, and the queries the other rooms share."""

from jobfit.db.database import default_db_path, open_db

__all__ = ["default_db_path", "open_db"]
