-- One row per unit and month with the numerators and denominators of the service index:
-- flows of the month, the month's received cohort looked at on its stock day (late finished
-- by then + pending overdue then), online, full-online, paid-online, digitised, e-result and
-- poor-rating counts.
-- Incremental: only the unit-months touched by the changed dossiers (the months they were
-- received or ended in, before or now) or by a unit's restart day (every month from it on)
-- are deleted (pre-hook) and made again (macros/incremental.sql, touched_unit_months).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_unit_months() }}",
) }}
{%- set incremental_run = is_incremental() %}
-- depends_on: {{ ref('int_dossiers__changed') }}
-- depends_on: {{ ref('int_units__restart_days') }}
with

monthly as (
    select monthly.* from {{ ref('int_units__monthly') }} as monthly
    {%- if incremental_run %}
        where exists (
            select 1 from ({{ touched_unit_months() }}) as touched
            where monthly.unit_code = touched.unit_code and monthly.month between touched.from_month and touched.to_month
        )
    {%- endif %}
),

unit_first_months as (
    -- the first month made again of each unit (read in an incremental run only)
    select unit_code, min(month) as first_month
    from monthly
    group by unit_code
),

dossiers as (
    -- the columns used; in an incremental run, only the dossiers of the units made again,
    -- received or ended from their first month made again on (a superset: the joins below
    -- keep the exact unit-months). DuckDB materialises this CTE, so it keeps only these columns.
    select
        fct.dossier_code,
        fct.unit_code,
        fct.received_day,
        fct.end_day,
        fct.is_finished,
        fct.timeliness,
        fct.is_full_online_procedure,
        fct.is_full_online,
        fct.has_fee,
        fct.is_paid_online,
        fct.is_digitised,
        fct.has_e_result,
        fct.rating,
        fct.is_poor_rating
    from {{ ref('fct_dossiers') }} as fct
    {% if incremental_run -%}
        inner join unit_first_months on fct.unit_code = unit_first_months.unit_code
    {% endif -%}
    where
        fct.is_received
        {%- if incremental_run %}
            and (fct.received_day >= unit_first_months.first_month or fct.end_day >= unit_first_months.first_month)
        {%- endif %}
),

spans as (
    select * from {{ ref('fct_dossier_overdue_spans') }}
),

received_side as (
    select
        dossiers.unit_code,
        date_trunc('month', dossiers.received_day)::date as month,
        count(*) as cohort_received,
        count(*) filter (where dossiers.is_full_online_procedure) as received_full_online_procedures,
        count(*) filter (where dossiers.is_full_online) as received_full_online,
        count(*) filter (where dossiers.has_fee) as received_with_fee,
        count(*) filter (where dossiers.has_fee and dossiers.is_paid_online) as paid_online,
        count(*) filter (where dossiers.is_digitised) as digitised,
        count(*) filter (
            where dossiers.timeliness = 'late' and dossiers.end_day <= monthly.stock_day
        ) as cohort_late_by_stock_day,
        count(*) filter (
            where dossiers.timeliness in ('early', 'on_time') and dossiers.end_day <= monthly.stock_day
        ) as cohort_in_time_by_stock_day
    from dossiers
    inner join monthly
        on dossiers.unit_code = monthly.unit_code and date_trunc('month', dossiers.received_day)::date = monthly.month
    group by all
),

cohort_overdue as (
    select
        dossiers.unit_code,
        date_trunc('month', dossiers.received_day)::date as month,
        count(distinct dossiers.dossier_code) as cohort_overdue_on_stock_day
    from dossiers
    inner join monthly
        on dossiers.unit_code = monthly.unit_code and date_trunc('month', dossiers.received_day)::date = monthly.month
    inner join spans
        on
            dossiers.dossier_code = spans.dossier_code
            and monthly.stock_day >= spans.from_day
            and (spans.to_day is null or monthly.stock_day < spans.to_day)
    group by all
),

finished_side as (
    select
        unit_code,
        date_trunc('month', end_day)::date as month,
        count(*) filter (where has_e_result) as finished_e_result,
        count(*) filter (where rating is not null) as rated,
        count(*) filter (where is_poor_rating) as rated_poor
    from dossiers
    where
        is_finished
        {%- if incremental_run %}
            and exists (
                select 1 from monthly
                where monthly.unit_code = dossiers.unit_code and monthly.month = date_trunc('month', dossiers.end_day)
            )
        {%- endif %}
    group by all
),

final as (
    select
        monthly.province_code,
        monthly.ward_code,
        monthly.unit_code,
        monthly.is_province_level,
        monthly.month,
        monthly.received,
        monthly.received_online,
        monthly.finished,
        monthly.finished_early + monthly.finished_on_time as finished_in_time,
        monthly.finished_late,
        monthly.stock_day,
        coalesce(received_side.cohort_received, 0) as cohort_received,
        coalesce(received_side.cohort_late_by_stock_day, 0) as cohort_late_by_stock_day,
        coalesce(received_side.cohort_in_time_by_stock_day, 0) as cohort_in_time_by_stock_day,
        coalesce(cohort_overdue.cohort_overdue_on_stock_day, 0) as cohort_overdue_on_stock_day,
        coalesce(received_side.received_full_online_procedures, 0) as received_full_online_procedures,
        coalesce(received_side.received_full_online, 0) as received_full_online,
        coalesce(received_side.received_with_fee, 0) as received_with_fee,
        coalesce(received_side.paid_online, 0) as paid_online,
        coalesce(received_side.digitised, 0) as digitised,
        coalesce(finished_side.finished_e_result, 0) as finished_e_result,
        coalesce(finished_side.rated, 0) as rated,
        coalesce(finished_side.rated_poor, 0) as rated_poor
    from monthly
    left join received_side
        on monthly.unit_code = received_side.unit_code and monthly.month = received_side.month
    left join cohort_overdue
        on monthly.unit_code = cohort_overdue.unit_code and monthly.month = cohort_overdue.month
    left join finished_side
        on monthly.unit_code = finished_side.unit_code and monthly.month = finished_side.month
)

select * from final
