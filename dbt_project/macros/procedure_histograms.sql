{#- The exact `share` quantile (as quantile_cont: interpolated between the two nearest ranks)
of processing working days in a group of histogram rows, from `up_to` (dossiers with at most
that many days in the group, a running sum) and `total` (dossiers in the group): what an
exact quantile over the dossiers would give, without sorting them -#}
{% macro histogram_quantile(share) -%}
    (
        min(processing_working_days) filter (where up_to > floor((total - 1)::double * {{ share }}))
        + (any_value((total - 1)::double * {{ share }}) - any_value(floor((total - 1)::double * {{ share }})))
        * (
            min(processing_working_days) filter (where up_to > ceil((total - 1)::double * {{ share }}))
            - min(processing_working_days) filter (where up_to > floor((total - 1)::double * {{ share }}))
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
    {{ histogram_quantile(0.5) }} as median_working_days,
    {{ histogram_quantile(0.9) }} as p90_working_days
{%- endmacro %}
