-- One row per province per month: the service index over all its dossiers (wards and
-- province level pooled), publicity left out and the score rescaled to 100.
{{ service_index(ref('int_provinces__monthly_quality'), ['province_code', 'month']) }}
