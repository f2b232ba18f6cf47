{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ keep_replaced_rows(delete=true) }}",
) }}
-- One row per dossier and span of days during which it is pending and overdue: from_day
-- included, to_day excluded (null: still overdue). A pending dossier is overdue on day D when
-- it has had more than one supplement request by D, or when day(due) < D and the ward is not
-- waiting on the citizen (a request made by D and not handed in by the end of D).
-- Incremental: the changed dossiers' spans are replaced by those of their new versions
-- (int_dossiers__changed). The pre-hook keeps the old ones for the event models
-- (build_state.fct_dossier_overdue_spans__replaced) and deletes them: a dossier no longer
-- overdue has no new span, so dbt's delete+insert by key would leave its old ones.
-- depends_on: {{ ref('int_dossiers__changed') }}
with

dossiers as (
    select
        dossier_code,
        received_day,
        due_day,
        pending_until_day,
        supplement_requests,
        second_request_day
    {% if is_incremental() -%}
        from {{ ref('int_dossiers__changed') }}
    {%- else -%}
        from {{ ref('fct_dossiers') }}
    {%- endif %}
    where is_received
),

requests as (
    select
        dossier_code,
        requested_at::date as requested_day,
        supplied_at::date as supplied_day
    from {{ ref('stg_supplements__requests') }}
),

plain_spans as (
    -- no supplement request: overdue from the day after the deadline until it stops pending
    select
        dossier_code,
        greatest(received_day, due_day + 1) as from_day,
        pending_until_day as to_day
    from dossiers
    where
        supplement_requests = 0
        and (pending_until_day is null or greatest(received_day, due_day + 1) < pending_until_day)
),

with_requests as (
    select * from dossiers
    where supplement_requests > 0
),

boundaries as (
    -- the days on which the overdue state of a dossier with requests can change
    select dossier_code, received_day as boundary_day from with_requests
    union
    select dossier_code, due_day + 1 as boundary_day from with_requests
    union
    select dossier_code, second_request_day from with_requests
    where second_request_day is not null
    union
    select requests.dossier_code, requests.requested_day
    from requests inner join with_requests on requests.dossier_code = with_requests.dossier_code
    union
    select requests.dossier_code, requests.supplied_day
    from requests inner join with_requests on requests.dossier_code = with_requests.dossier_code
    where requests.supplied_day is not null
),

segments as (
    select
        boundaries.dossier_code,
        boundaries.boundary_day as from_day,
        coalesce(
            lead(boundaries.boundary_day) over (
                partition by boundaries.dossier_code order by boundaries.boundary_day
            ),
            with_requests.pending_until_day
        ) as to_day,
        with_requests.due_day,
        with_requests.second_request_day
    from boundaries
    inner join with_requests on boundaries.dossier_code = with_requests.dossier_code
    where
        boundaries.boundary_day >= with_requests.received_day
        and (
            with_requests.pending_until_day is null
            or boundaries.boundary_day < with_requests.pending_until_day
        )
),

segment_states as (
    select
        segments.dossier_code,
        segments.from_day,
        segments.to_day,
        coalesce(segments.second_request_day <= segments.from_day, false) as has_two_requests,
        segments.due_day < segments.from_day as is_past_due,
        count(requests.dossier_code) > 0 as is_waiting_on_citizen
    from segments
    left join requests
        on
            segments.dossier_code = requests.dossier_code
            and segments.from_day >= requests.requested_day
            and (requests.supplied_day is null or segments.from_day < requests.supplied_day)
    group by all
),

flagged as (
    select
        dossier_code,
        from_day,
        to_day,
        has_two_requests or (is_past_due and not is_waiting_on_citizen) as is_overdue
    from segment_states
),

islands as (
    -- consecutive overdue segments are merged into one span
    select
        *,
        sum(case when is_overdue then 0 else 1 end) over (
            partition by dossier_code order by from_day rows unbounded preceding
        ) as island
    from flagged
),

request_spans as (
    select
        dossier_code,
        min(from_day) as from_day,
        case when bool_or(to_day is null) then null else max(to_day) end as to_day
    from islands
    where is_overdue
    group by dossier_code, island
),

final as (
    select
        dossier_code,
        from_day,
        to_day,
        false as has_supplement_requests
    from plain_spans
    union all
    select
        dossier_code,
        from_day,
        to_day,
        true as has_supplement_requests
    from request_spans
)

select * from final
-- Sorted by dossier code, which begins with the province and ward: a ward's overdue list looks
-- up the open spans of its pending dossiers, and DuckDB then reads only the row groups whose
-- codes fall between the ward's first and last (an incremental build appends its few spans
-- unsorted until the next full build).
order by dossier_code, from_day
