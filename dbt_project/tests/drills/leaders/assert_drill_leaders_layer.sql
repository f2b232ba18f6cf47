-- A rehearsal of a failing leaders' layer: fails (the province's monthly rows) only when the
-- var `drill_leaders_fail_province` names a province. The build then publishes nothing and
-- names the province and the first failing rows (docs/operations.md).
{%- set province = var('drill_leaders_fail_province', none) %}
with

months as (
    select * from {{ ref('rpt_province_monthly') }}
),

final as (
    select province_code, month, received, finished
    from months
    where {% if province is none %}false{% else %}province_code = '{{ province | string | replace("'", "''") }}'{% endif %}
)

select * from final
