-- One row per unit (`level` = unit) or province (`level` = province) per month: the counts the
-- journalists' edition publishes, null where int_public__cells withholds them (a `_withheld`
-- flag beside each), and the rates, withheld on fewer than public_min_denominator dossiers or
-- beside a withheld part they would reveal.
with

cells as (
    select * from {{ ref('int_public__cells') }}
),

wide as (
    select
        level,
        province_code,
        unit_code,
        month,
        {% for column in public_count_columns() -%}
            max(value) filter (where measure = '{{ column }}') as raw_{{ column }},
            bool_or(is_withheld) filter (where measure = '{{ column }}') as {{ column }}_withheld,
        {% endfor -%}
        count(*) as cell_count
    from cells
    group by level, province_code, unit_code, month
),

flagged as (
    select
        *,
        {{ public_rate_flags() }}
    from wide
),

final as (
    select
        level,
        province_code,
        unit_code,
        month,
        {{ public_published_columns() }}
    from flagged
)

select * from final
