"""The HTTP edge: the request class, security headers and error pages."""
