-- One row per dossier with at least one supplement request: how many, the deadline they set,
-- the day of the second request (from which the dossier counts as late), and the working-day
-- numbers of each request and of its hand-in (for the waits that fct_dossiers takes off the
-- processing time, so that it reads the requests once).
with

requests as (
    select * from {{ ref('stg_supplements__requests') }}
),

dates as (
    select * from {{ ref('int_calendar__working_days') }}
),

numbered as (
    select
        requests.*,
        requested.working_day_number as requested_working_day,
        supplied.working_day_number as supplied_working_day,
        row_number() over (
            partition by requests.dossier_code order by requests.requested_at, requests.request_id
        ) as request_number
    from requests
    left join dates as requested on requests.requested_at::date = requested.day
    left join dates as supplied on requests.supplied_at::date = supplied.day
),

final as (
    select
        dossier_code,
        count(*) as supplement_requests,
        arg_max(due_after_at, requested_at) filter (
            where due_after_at is not null
        ) as due_after_supplement_at,
        min(requested_at)::date as first_request_day,
        min(requested_at) filter (where request_number = 2)::date as second_request_day,
        count(*) filter (where supplied_at is null) as open_requests,
        list({
            'requested': requested_working_day, 'supplied': supplied_working_day
        }) as request_working_days
    from numbered
    group by dossier_code
)

select * from final
