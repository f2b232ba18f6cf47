{{ config(materialized='view') }}
-- One row per dossier (latest version): where it counts, what it is, its dates, deadline,
-- outcome and working days; what fct_dossiers stores. A view: fct_dossiers writes it one range
-- of dossier codes at a time (macros/dossier_ranges.sql), each range read from the raw layer
-- on its own; with no range set, every dossier (the changed ones in an incremental build).
with

dossiers as (
    select * from {{ ref('int_dossiers__located') }}
    where {{ in_dossier_range() }}
),

procedures as (
    select * from {{ ref('int_procedures__by_province') }}
),

supplement_summary as (
    select * from {{ ref('int_supplements__per_dossier') }}
    where {{ in_dossier_range() }}
),

ratings as (
    select * from {{ ref('stg_ratings__ratings') }}
    where {{ in_dossier_range() }}
),

rating_bands as (
    select * from {{ ref('seed_rating_bands') }}
),

dates as (
    select * from {{ ref('int_calendar__working_days') }}
),

latest_ratings as (
    select
        dossier_code,
        arg_max(rating, rated_at) as rating,
        count(*) as ratings
    from ratings
    group by dossier_code
),

outcome as (
    select
        dossiers.*,
        dossiers.status not in (1, 3) as is_received,
        dossiers.status in (9, 10) as is_finished,
        dossiers.status in (7, 8) as is_closed,
        dossiers.received_at::date as received_day,
        case
            when dossiers.status in (9, 10)
                then coalesce(dossiers.processing_ended_at, case when dossiers.status = 10 then dossiers.returned_at end)
        end as end_at,
        case
            when dossiers.status in (7, 8) then coalesce(dossiers.refused_at, dossiers.processing_ended_at)::date
        end as closed_day
    from dossiers
),

deadlines as (
    select
        outcome.*,
        end_at::date as end_day,
        coalesce(supplement_summary.supplement_requests, 0) as supplement_requests,
        supplement_summary.second_request_day,
        supplement_summary.request_working_days,
        coalesce(supplement_summary.due_after_supplement_at, outcome.due_original_at) as due_at
    from outcome
    left join supplement_summary on outcome.dossier_code = supplement_summary.dossier_code
),

measured as (
    select
        deadlines.*,
        deadlines.due_at::date as due_day,
        case
            when deadlines.is_received and deadlines.is_finished
                then greatest(deadlines.end_day, deadlines.received_day)
            when deadlines.is_received and deadlines.is_closed
                then greatest(deadlines.closed_day, deadlines.received_day)
        end as pending_until_day,
        case
            when not deadlines.is_finished then null
            when deadlines.supplement_requests > 1 then 'late'
            when deadlines.end_day < deadlines.due_at::date then 'early'
            when deadlines.end_day = deadlines.due_at::date then 'on_time'
            else 'late'
        end as timeliness,
        -- working days spent waiting for the citizen, up to the end of a finished dossier
        -- (a request not handed in waits until the end)
        case
            when deadlines.is_finished and deadlines.request_working_days is not null
                then coalesce(list_sum(list_transform(
                    deadlines.request_working_days,
                    -- (sqlfluff does not know lambdas: `request` is the list element)
                    lambda request: greatest(
                        0,
                        least(coalesce(request.supplied, ended.working_day_number), ended.working_day_number)  -- noqa: RF01
                        - request.requested  -- noqa: RF01
                    )
                )), 0)::integer  -- list_sum gives a 128-bit integer, dearer to store
            else 0
        end as supplement_wait_working_days,
        ended.working_day_number - received.working_day_number as gross_working_days,
        procedures.procedure_name,
        coalesce(deadlines.field_code_given, procedures.field_code) as field_code,
        coalesce(deadlines.field_name_given, procedures.field_name) as field_name,
        procedures.procedure_level,
        procedures.online_level,
        procedures.statutory_duration,
        procedures.statutory_unit,
        procedures.is_non_territorial,
        procedures.has_fee,
        case procedures.statutory_unit
            when 'ngay_lam_viec' then ceil(procedures.statutory_duration)::integer
            when 'gio' then ceil(procedures.statutory_duration / 8)::integer
            when 'trong_ngay' then case when hour(deadlines.received_at) >= 15 then 1 else 0 end
            when 'ngay' then statutory_end.working_day_number - received.working_day_number
        end as statutory_working_days,
        latest_ratings.rating,
        rating_bands.rating_band,
        rating_bands.is_poor as is_poor_rating
    from deadlines
    left join procedures
        on
            deadlines.procedure_code = procedures.procedure_code
            and deadlines.province_code = procedures.province_code
    left join dates as received on deadlines.received_day = received.day
    left join dates as ended on deadlines.end_day = ended.day
    left join dates as statutory_end
        on statutory_end.day = deadlines.received_day + ceil(procedures.statutory_duration)::integer
    left join latest_ratings on deadlines.dossier_code = latest_ratings.dossier_code
    left join rating_bands on latest_ratings.rating = rating_bands.rating
),

final as (
    select
        dossier_code,
        province_code,
        ward_code,
        unit_code,
        is_province_level,
        agency_code,
        procedure_code,
        coalesce(procedure_name, procedure_name_given) as procedure_name,
        field_name,
        is_non_territorial,
        has_fee,
        channel,
        channel = 2 as is_online,
        channel = 2 and online_level = 4 as is_full_online,
        coalesce(online_level = 4, false) as is_full_online_procedure,
        applicant_type,
        status,
        is_received,
        is_finished,
        is_closed,
        received_at,
        received_day,
        received_day < '{{ var("reform_day") }}'::date as is_inherited,
        due_at,
        due_day,
        end_at,
        end_day,
        closed_day,
        pending_until_day,
        greatest(received_at, processing_ended_at, returned_at, refused_at)::date
            as last_activity_day,
        timeliness,
        supplement_requests,
        second_request_day,
        supplement_wait_working_days,
        case
            when is_finished then greatest(0, gross_working_days - supplement_wait_working_days)
        end as processing_working_days,
        statutory_unit,
        statutory_working_days,
        case
            when is_finished
                then
                    greatest(0, gross_working_days - supplement_wait_working_days)
                    > statutory_working_days
        end as is_beyond_statutory,
        is_digitised,
        has_e_result,
        online_payment,
        online_payment in (1, 2) as is_paid_online,
        rating,
        is_poor_rating
    from measured
)

select * from final
