"""Jobcentre Signpost: the application. Domain logic here has no Rasa imports."""
