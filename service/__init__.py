"""Assembly: the FastAPI app factory, the ``jiuye`` CLI and the coordinator console."""
