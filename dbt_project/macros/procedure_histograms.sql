{#- `marts.histogram_quantile(days, up_to, total, share)`, a DuckDB macro made at the start of
every dbt run (on-run-start) and kept in the published leaders' file: the exact `share` quantile
(as quantile_cont: interpolated between the two nearest ranks) of `days` over a group of
histogram rows, from `up_to` (dossiers with at most that many days in the group, a running sum)
and `total` (dossiers in the group), without sorting the dossiers. The marts and the dashboard's
query layer (medians over any range of days) call the same definition. -#}
{% macro create_histogram_quantile() -%}
    create schema if not exists marts;
    create or replace macro marts.histogram_quantile(days, up_to, total, share) as (
        min(days) filter (where up_to > floor((total - 1)::double * share))
        + (any_value((total - 1)::double * share) - any_value(floor((total - 1)::double * share)))
        * (
            min(days) filter (where up_to > ceil((total - 1)::double * share))
            - min(days) filter (where up_to > floor((total - 1)::double * share))
        )
    )
{%- endmacro %}

{#- The histogram rows of `relation` with their rank columns within each group of `keys`:
`up_to` (dossiers with at most that many days, a running sum) and `total` -#}
{% macro ranked_histogram(relation, keys) -%}
    select
        *,
        sum(ended) over (partition by {{ keys | join(', ') }} order by processing_working_days) as up_to,
        sum(ended) over (partition by {{ keys | join(', ') }}) as total
    from {{ relation }}
{%- endmacro %}

{#- The processing figures of a group of histogram rows (ranked: with up_to and total) -#}
{% macro processing_summary() -%}
    sum(ended) as finished,
    sum(ended_late) as finished_late,
    sum(beyond_statutory) as beyond_statutory,
    round(sum(beyond_statutory) / sum(ended), 4) as beyond_statutory_share,
    marts.histogram_quantile(processing_working_days, up_to, total, 0.5) as median_working_days,
    marts.histogram_quantile(processing_working_days, up_to, total, 0.9) as p90_working_days
{%- endmacro %}
