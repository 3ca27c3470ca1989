"""signposting"""
