"""The spaCy knowledge pipeline that Rasa's SpacyNLP component loads."""
