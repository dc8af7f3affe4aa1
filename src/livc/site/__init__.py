"""The site around the feature apps: home, navigation, demo data and the admin site. It may
import every app; nothing imports it (DESIGN.md → Architecture)."""
