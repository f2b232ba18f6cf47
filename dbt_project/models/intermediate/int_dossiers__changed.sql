-- One row per dossier changed by the loads of an incremental build (a version of it, a
-- supplement request or a rating loaded after var changed_after_load): its new version, as
-- int_dossiers__measured computes it (upstream, staging reads only those dossiers in such a
-- build). fct_dossiers inserts these rows, and the models that add up dossier events read
-- them here rather than look for them among all of the fact's rows. Empty in a full build.
with

measured as (
    select * from {{ ref('int_dossiers__measured') }}
    {%- if not incremental_build() %}
        where false
    {%- endif %}
),

final as (
    select * from measured
)

select * from final
