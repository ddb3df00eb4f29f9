"""What the platform accepts as an uploaded file and where uploaded files are stored
(issue #8): content sniffing, size limits, safe storage names, S3 storages."""
