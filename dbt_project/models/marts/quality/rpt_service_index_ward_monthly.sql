-- One row per ward per month: the service index modelled on the National Public Service
-- Portal's (progress, online service, online payment, satisfaction, digitisation; publicity
-- is not in our feeds and is left out, the score rescaled to 100).
{{ service_index(ref('int_units__monthly_quality'), ['province_code', 'ward_code', 'unit_code', 'is_province_level', 'month']) }}
