-- One row per province per day, from the province's first received dossier to the as-of day:
-- its wards plus its province-level dossiers.
with

daily as (
    select * from {{ ref('int_units__daily') }}
),

final as (
    select
        province_code,
        day,
        month,
        {% for column in flow_column_names() + ['pending_end', 'pending_overdue_end'] -%}
            sum({{ column }})::integer as {{ column }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from daily
    group by province_code, day, month
)

select * from final
order by province_code, day
