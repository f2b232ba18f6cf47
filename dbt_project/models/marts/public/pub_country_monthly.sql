-- One row per month for the journalists' edition: the country, the sum of the provinces'
-- published figures. A count is withheld when any province's figure of it is (the other
-- provinces' published figures would give the withheld one away); a rate is withheld beside a
-- withheld part or on fewer than public_min_denominator dossiers.
with

provinces as (
    select * from {{ ref('pub_province_monthly') }}
),

summed as (
    select
        month,
        {% for column in public_count_columns() -%}
            sum({{ column }})::bigint as raw_{{ column }},
            bool_or({{ column }}_withheld) as {{ column }}_withheld,
        {% endfor -%}
        count(*) as province_rows
    from provinces
    group by month
),

flagged as (
    select
        *,
        {{ public_rate_flags() }}
    from summed
),

final as (
    select
        month,
        {{ public_published_columns() }}
    from flagged
)

select * from final
order by month
