"""Rasa SDK actions: thin glue between Rasa and the domain logic in bot/."""
