"""Media of a course (ffmpeg via ffmpeg-python): probe, cache, posters, transcoding, splitting,
the player's data."""
