-- One row per dossier with at least one supplement request: how many, the deadline they set,
-- and the day of the second request (from which the dossier counts as late).
with

requests as (
    select * from {{ ref('stg_supplements__requests') }}
),

numbered as (
    select
        *,
        row_number() over (
            partition by dossier_code order by requested_at, request_id
        ) as request_number
    from requests
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
        count(*) filter (where supplied_at is null) as open_requests
    from numbered
    group by dossier_code
)

select * from final
