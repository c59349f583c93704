"""docket"""
