"""Charts drawn as SVG on the server: no JavaScript, no charting library, no CDN."""
