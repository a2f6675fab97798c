"""Demo data for 青诉即办: Qingdao's organisation tree, topics, duty lists and petition texts."""
