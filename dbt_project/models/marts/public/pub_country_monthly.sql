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
        (
            finished_withheld or finished_early_withheld or finished_on_time_withheld
            or coalesce(raw_finished < {{ var('public_min_denominator') }}, true)
        ) as on_time_rate_withheld,
        (
            received_withheld or received_online_withheld
            or coalesce(raw_received < {{ var('public_min_denominator') }}, true)
        ) as online_share_withheld
    from summed
),

final as (
    select
        month,
        {% for column in public_count_columns() -%}
            case when not {{ column }}_withheld then raw_{{ column }} end as {{ column }},
            {{ column }}_withheld,
        {% endfor -%}
        case
            when not on_time_rate_withheld
                then round((raw_finished_early + raw_finished_on_time) / raw_finished, 4)
        end as on_time_rate,
        on_time_rate_withheld,
        case
            when not online_share_withheld then round(raw_received_online / raw_received, 4)
        end as online_share,
        online_share_withheld
    from flagged
)

select * from final
order by month
