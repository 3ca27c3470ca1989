"""money_help"""
