"""innograph.viz"""
