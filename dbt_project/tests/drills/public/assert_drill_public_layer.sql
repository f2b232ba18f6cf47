-- A rehearsal of a failing public layer: fails (one row, the province) only when the var
-- `drill_public_fail_province` names a province, as `haicap build` with
-- HAICAP_DBT_VARS='{"drill_public_fail_province": "46"}'. Tagged `public` by its folder, so
-- the build publishes the leaders' file and keeps the last public one (docs/operations.md).
{%- set province = var('drill_public_fail_province', none) %}
with

provinces as (
    select * from {{ ref('pub_dim_province') }}
),

final as (
    select province_code, province_name
    from provinces
    where {% if province is none %}false{% else %}province_code = '{{ province | string | replace("'", "''") }}'{% endif %}
)

select * from final
