"""eumk: electronic teaching kits in Markdown → validated portal and offline case kits."""
