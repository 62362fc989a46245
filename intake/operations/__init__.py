"""What the app does, as plain functions: no request object; they flush, the caller commits."""
