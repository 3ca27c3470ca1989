"""digital_skills"""
