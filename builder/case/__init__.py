"""Case-technology packages (order 385 p.2.2): a course on USB, DVD/CD or paper, self-verifying."""
